"""Unit tests of the bundled templates' Python (standard library unittest).

Run from templates/: ``python3 -B -m unittest discover -s tests -t .`` (the Maven build does, in
the test phase of microtvm-maven-plugin).
"""
