"""Verified passwords are remembered per process, and requests presenting the
same password at once share one hash."""

import threading
import time

from xivows.auth import passwords


def _counting(monkeypatch, seconds=0.2):
    calls = []

    def checked(stored_hash, password):
        calls.append(password)
        time.sleep(seconds)
        return password == 'right'

    monkeypatch.setattr(passwords, '_checked', checked)
    monkeypatch.setattr(passwords, '_verified', passwords.OrderedDict())
    return calls


def _at_once(stored_hash, password, count=6):
    answers = []
    threads = [
        threading.Thread(target=lambda: answers.append(passwords.verify(stored_hash, password)))
        for _ in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_simultaneous_requests_share_one_hash(monkeypatch):
    calls = _counting(monkeypatch)
    assert _at_once('scrypt:hash-1', 'right') == [True] * 6
    assert calls == ['right']
    assert passwords.verify('scrypt:hash-1', 'right') and calls == ['right']  # remembered


def test_a_wrong_password_is_hashed_again_each_time_but_once_at_once(monkeypatch):
    calls = _counting(monkeypatch)
    assert _at_once('scrypt:hash-2', 'wrong') == [False] * 6
    assert calls == ['wrong']
    assert passwords.verify('scrypt:hash-2', 'wrong') is False
    assert calls == ['wrong', 'wrong']  # a failure is never remembered


def test_other_passwords_or_hashes_are_not_shared(monkeypatch):
    calls = _counting(monkeypatch, seconds=0)
    assert passwords.verify('scrypt:hash-3', 'right')
    assert not passwords.verify('scrypt:hash-3', 'other')
    assert passwords.verify('scrypt:hash-4', 'right')
    assert calls == ['right', 'other', 'right']


def test_new_hashes_use_owasp_scrypt_settings_and_older_hashes_still_verify(monkeypatch):
    from werkzeug.security import generate_password_hash

    assert passwords.METHOD == 'scrypt:8192:8:10'
    monkeypatch.setattr(passwords, '_METHOD', passwords.METHOD)  # as served (see conftest)
    stored = passwords.hash_password('s3cret')
    assert stored.startswith('scrypt:8192:8:10$')
    assert passwords._checked(stored, 's3cret') and not passwords._checked(stored, 'other')
    older = generate_password_hash('s3cret', method='scrypt:32768:8:1')
    assert passwords._checked(older, 's3cret') and not passwords._checked(older, 'other')
