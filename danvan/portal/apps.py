from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "danvan.portal"
    label = "portal"
    verbose_name = "Cổng thông tin"
