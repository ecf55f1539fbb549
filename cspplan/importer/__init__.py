"""Reading a plan back from Word: a committee report in the seed's layout, the paper cspplan
renders, or a plan document typed by an officer, into a plan file.

:mod:`reader` turns the .docx into blocks (paragraphs and tables); :mod:`report` finds the
cover report in them and :mod:`plan` the plan; :mod:`dates` reads the dates councils write;
:mod:`writer` writes the plan file, with what was not recognised kept as comments.
Heavy imports (python-docx, lxml) happen inside the functions that need them.
"""
