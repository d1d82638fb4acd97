"""areasend: England's area SEND inspection framework, end to end."""
