"""Telephony ingest: live calls straight from the phone system, over the protocols platforms speak.

Protocols (each a sans-I/O :class:`~coach.telephony.machine.StreamMachine`: frames in,
:mod:`~coach.telephony.actions` out):

- :mod:`~coach.telephony.twilio`: Twilio Media Streams (websocket, JSON, μ-law 8 kHz, two tracks);
- :mod:`~coach.telephony.audiohook`: Genesys Cloud AudioHook v2 (websocket, JSON + binary PCMU/L16),
  with :mod:`~coach.telephony.signature` verifying its HTTP message signatures;
- :mod:`~coach.telephony.audiosocket`: Asterisk AudioSocket (TCP, one leg per connection), with
  :mod:`~coach.telephony.pairing` joining two registered legs into one call.

Shared parts: :mod:`~coach.telephony.machine` (the interface and the connection deadlines),
:mod:`~coach.telephony.codecs` (G.711, L16, resampling to 16 kHz), :mod:`~coach.telephony.align`
(re-aligning lanes, gaps), :mod:`~coach.telephony.ingest` (calls, reconnects, paired legs →
:class:`~coach.pipeline.calls.LiveCall`), :mod:`~coach.telephony.endpoints` (the one async serving
loop and :class:`~coach.telephony.endpoints.TelephonyIngest`, which ``coach serve`` mounts from the
route table in :mod:`~coach.telephony.mount`), :mod:`~coach.telephony.simulate` (``coach
simulate``), :mod:`~coach.telephony.collector` and :mod:`~coach.telephony.loopback` (an analysing
sink and the ingest mounted alone, for tests and ``scripts/bench_ingest.py``). Setup for each
platform: ``docs/telephony.md``.

Notes recorded on a call with ``LiveCall.note(kind, **fields)`` (times in seconds of call audio):

============== ===================================================================================
kind           fields
============== ===================================================================================
gap            ``lane``, ``start_s``, ``duration_s``, ``reason`` (``gap``, ``lane_stalled``, ``absent``,
               ``paused``, ``reconnect``, ``joined_late``): a stretch filled with silence
reconnect      ``at_s``: a dropped stream came back and continues the call
ingest_stats   at the end: ``gaps``, ``gap_s``, ``late_pieces``, ``late_s`` (audio dropped as late or
               duplicated), ``duplicates``, ``held`` (pieces re-ordered), ``backpressure_s`` (seconds a
               source faster than real time was not read while the analysis caught up)
protocol_error ``code``, ``fatal``: the peer broke the protocol (see each module for the codes)
duplicates     ``chunks``: Twilio media chunks received twice
mark, dtmf     Twilio ``mark`` (``name``) and DTMF (``track``; never the digit); AudioSocket DTMF (``lane``);
               AudioHook (Audio Connector) DTMF (``at_s``)
paused,        AudioHook pause (``at_s``), resume and discarded audio (``discarded_s``), language
resumed, ...   ``update`` (``language``), client ``client_error`` (``code``); AudioSocket ``pbx_error``
============== ===================================================================================
"""
