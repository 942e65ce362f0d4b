app_name = "events_public"
urlpatterns = []
