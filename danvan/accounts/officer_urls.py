app_name = "officers"
urlpatterns: list = []
