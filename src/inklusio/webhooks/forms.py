from django import forms
from django.utils.translation import gettext_lazy as _

from inklusio.core import happenings

from . import addresses
from .models import Subscription

KIND_LABELS = {
    happenings.REGISTRATION_CREATED: _("Registration created"),
    happenings.REGISTRATION_CANCELLED: _("Registration cancelled"),
    happenings.REGISTRATION_PROMOTED: _("Registration moved up from the waiting list"),
    happenings.ATTENDANCE_RECORDED: _("Attendance recorded"),
    happenings.SUBSCRIBER_CONFIRMED: _("Infoletter subscription confirmed"),
    happenings.SUBSCRIBER_UNSUBSCRIBED: _("Infoletter unsubscribed"),
    happenings.INQUIRY_CREATED: _("Inquiry recorded"),
    happenings.MAILING_SENT: _("Infoletter sent"),
}


class SubscriptionForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("Notify about"),
        choices=[(kind, KIND_LABELS[kind]) for kind in happenings.KINDS],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the address is told about."),
    )

    class Meta:
        model = Subscription
        fields = ["description", "url", "kinds", "include_personal_data", "active"]
        help_texts = {"url": _("An http or https address of the receiving system; redirects are not followed.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            addresses.check(url)
        except addresses.AddressRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
        return url
