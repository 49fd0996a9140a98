def site_search(request):
    pass
