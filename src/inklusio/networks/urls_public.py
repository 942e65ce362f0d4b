app_name = "networks_public"
urlpatterns = []
