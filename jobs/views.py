"""The page of a file being built. Not routed by itself: the view of the object the file shows
checks access first, then calls `job_response` (so the job's id is never a way in)."""

from django.shortcuts import render

from wsisportal import downloads

from .services import seconds_waiting


def job_response(request, job, *, title, back_url, as_attachment=False):
    """Ready: the file itself (a normal request) or a link to it (htmx polling). Not yet: the
    progress page, which asks the same URL again every two seconds (htmx) until it is ready."""
    if job.is_done and not request.headers.get("HX-Request"):
        return downloads.stored_file_response(
            job.file.name, filename=job.filename, content_type=job.content_type, as_attachment=as_attachment,
            etag=f'"{job.sha256}"', max_age=0,
        )  # fmt: skip
    return progress_response(request, job, title=title, back_url=back_url, waited=seconds_waiting(job))


def progress_response(request, job, *, title, back_url, waited):
    """The progress page (202) or, to htmx's poll, its card alone. `job` is a Job or anything that
    answers like one (is_done, status, get_status_display, progress — None: not measured —, filename);
    the link of a ready file is the page's own URL, whose view then hands the file over."""
    context = {"job": job, "title": title, "back_url": back_url, "waited": waited, "url": request.get_full_path()}
    if request.headers.get("HX-Request"):
        return render(request, "jobs/includes/progress.html", context)
    return render(request, "jobs/job.html", context, status=202)
