"""The legacy wire shape of queue skills (list, search and view)."""

from xivows import wire


def skill_item(row):
    """Every value a string (category_name null when the category row is missing)."""
    return {
        'id': wire.text(row['id']),
        'name': row['name'],
        'description': row['description'],
        'printscreen': row['printscreen'],
        'category_name': row['category_name'],
    }
