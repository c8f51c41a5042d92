"""The project's URLs plus a view that logs in with Django's login() and a password alone, as a
future view might: RequireMFAMiddleware must not honour the session it makes."""

from django.contrib.auth import authenticate, login
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def password_only_login(request):
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    login(request, user)
    return HttpResponse("logged in")


urlpatterns = [
    path("password-only-login/", password_only_login),
    path("", include("config.urls")),
]
