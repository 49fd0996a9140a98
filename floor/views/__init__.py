"""The meeting in session, one module per screen: the live panel every participant's meeting page
follows (live_panel), the chair's screen (chair), asking for the floor (asking), the session record
(session_record) and the draft from the floor (draft).

The live channel is polling (static/js/floor.js, every second) of a watch URL answered before
sessions are loaded (floor/live.py): an unchanged sitting costs a 304 and no query, so it needs no
extra service, works behind any number of sync application servers, and holds no worker longer than
one short request. The chair's screen polls its own panel with the session (few readers, and what
it shows is theirs alone).
"""
