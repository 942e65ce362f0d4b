app_name = "worldcafe"
urlpatterns = []
