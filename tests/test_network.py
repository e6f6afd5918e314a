"""The tests run offline: any attempt to reach the outside network fails at once."""

import socket
import urllib.request

import pytest
from pytest_socket import SocketBlockedError, SocketConnectBlockedError


def test_connecting_to_an_outside_address_is_refused():
    with pytest.raises((SocketConnectBlockedError, SocketBlockedError)):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1: documentation range


def test_an_http_request_is_refused():
    with pytest.raises(Exception) as error:
        urllib.request.urlopen("http://192.0.2.1/", timeout=1)
    assert "SocketConnectBlockedError" in repr(error.value) or isinstance(error.value, SocketConnectBlockedError)


@pytest.mark.disable_socket
def test_loading_every_dataset_and_building_the_demo_needs_no_socket():
    # With every socket blocked, validation (which could fetch remote schemas) and the map still work.
    from helpers import data, widgets

    data.clear_cache()
    for name in data.dataset_names():
        assert len(data.load(name)) > 0
    assert widgets.recognition_explorer(show_map=False).state["count"] > 0
