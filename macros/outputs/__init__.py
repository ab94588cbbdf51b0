"""Files made after the site is built: Word documents, PDFs, the calendar."""
