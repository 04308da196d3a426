"""Bulk import of people from CSV and XLSX files (issue 3)."""
