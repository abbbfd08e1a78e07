"""What the .xlsx imports share: each import (`youth.importing`, Biểu mẫu 02 into the registry;
`initiatives.importing`, Biểu mẫu 01 into initiatives) keeps only its columns, its values, what
a row becomes and its commit.

- `safety`: the checks an upload passes before openpyxl reads it (size, renamed files, zip
  bombs, XML entities, millions of shared strings).
- `report`: the problems by sheet, row and column, the sheet summaries and the report's totals.
- `sheets`: the workbook read sheet by sheet under one budget (data rows, rows scanned, and 20
  seconds of reading: a sheet of rows thousands of cells wide stops there), header keys, the
  table of a sheet.
- `uploads`: the file kept between the dry run and the commit, by token, in a folder per import.
- `workbook`: the pieces of the offered template (header block, title, header rows, drop-downs,
  the instructions sheet).
- `pages`: the upload form, the dry run, the commit (all or none) and the two shared templates,
  `reports/import.html` and `reports/import_report.html`.
"""
