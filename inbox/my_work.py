def my_work(request):
    pass
