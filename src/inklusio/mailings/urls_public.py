app_name = "mailings_public"
urlpatterns = []
