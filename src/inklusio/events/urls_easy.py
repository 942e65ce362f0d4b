app_name = "events_easy"
urlpatterns = []
