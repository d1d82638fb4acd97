from django.contrib import admin

from areasend.areas.models import InspectionRecord, LocalAreaPartnership, Succession


@admin.register(LocalAreaPartnership)
class LocalAreaPartnershipAdmin(admin.ModelAdmin):
    list_display = ("name", "ons_code", "region", "kind", "abolished_on")
    list_filter = ("region", "kind")
    search_fields = ("name", "ons_code")


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ("predecessor", "successor", "successor_from")


@admin.register(InspectionRecord)
class InspectionRecordAdmin(admin.ModelAdmin):
    list_display = ("area", "framework", "kind", "start_date", "start_date_precision", "published", "outcome")
    list_filter = ("framework", "kind", "outcome")
    search_fields = ("area__name", "area__ons_code")
    raw_id_fields = ("area", "follows")
