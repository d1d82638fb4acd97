from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from areasend.accounts.models import AuditEvent, User


@admin.register(User)
class AreasendUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "is_demo", "is_staff")
    fieldsets = UserAdmin.fieldsets + (("Demo", {"fields": ("is_demo",)}),)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "verb", "object_type", "object_id", "summary")
    list_filter = ("verb", "object_type")
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
