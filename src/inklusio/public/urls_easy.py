app_name = "public_easy"
urlpatterns = []
