app_name = "impact"
urlpatterns = []
