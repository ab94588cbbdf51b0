"""An organization's settings (curriculum/organization.yaml): the program's facts, words and editions."""
