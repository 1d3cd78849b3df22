"""Exchange formats (method §8): assessment JSON and the Excel workbooks."""
