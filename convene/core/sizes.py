"""File sizes in words people read on a form: "5 MB", "500 KB"."""

MEGABYTE = 1024 * 1024


def human_size(number_of_bytes: int) -> str:
    if number_of_bytes >= MEGABYTE:
        return f"{number_of_bytes / MEGABYTE:.0f} MB"
    return f"{max(number_of_bytes // 1024, 1)} KB"
