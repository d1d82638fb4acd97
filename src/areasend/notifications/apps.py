from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "areasend.notifications"
    label = "notifications"
    verbose_name = "Notifications"
