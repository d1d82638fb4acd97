from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "areasend.evidence"
    label = "evidence"
    verbose_name = "Evidence and judgement"
