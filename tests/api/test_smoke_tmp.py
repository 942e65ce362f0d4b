def test_smoke(api, make_token, lead, event):
    status, body, _ = api().get("/public/events")
    assert status == 200, body
    assert body["items"][0]["slug"] == event.slug
    status, body, _ = api().get("/people")
    assert status == 401, body
    token = make_token(lead)
    for path in ["/people", "/organisations", "/inquiries", "/events", "/registrations", "/subscribers",
                 f"/events/{event.pk}/attendance", "/public/offers", "/public/stories", f"/public/events/{event.slug}/programme"]:
        status, body, _ = api(token).get(path)
        assert status == 200, (path, body)
    status, body, _ = api(token).post(f"/events/{event.pk}/registrations", {"email": "a@example.org", "last_name": "A"})
    assert status == 201, body
    status, body, _ = api(token).post(f"/registrations/{body['id']}/cancel")
    assert status == 200, body
    assert body["status"] == "cancelled"
    status, body, _ = api(token).get(f"/projects/{event.project.slug}/indicators")
    assert status == 200, body
