"""/docs: the offline Swagger UI page lists the operations of every REST dialect,
as a real browser renders it (Debian's chromium, driven by selenium through
Debian's chromedriver: no browser download, no CDN)."""

import shutil
import threading

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait
from werkzeug.serving import make_server

from xivows import create_app

CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
CHROMEDRIVER = shutil.which('chromedriver') or '/usr/bin/chromedriver'


@pytest.fixture(scope='module')
def served(tmp_path_factory):
    app = create_app({'DATABASE_URL': f'sqlite:///{tmp_path_factory.mktemp("docs")}/d.db'})
    server = make_server('127.0.0.1', 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{server.server_port}', app
    server.shutdown()


@pytest.fixture(scope='module')
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        f'--user-data-dir={tmp_path_factory.mktemp("chromium")}',
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _operations(driver):
    WebDriverWait(driver, 20).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, '.opblock'))
    )
    return {
        (
            block.find_element(By.CSS_SELECTOR, '.opblock-summary-method').text,
            block.find_element(By.CSS_SELECTOR, '.opblock-summary-path').text.replace(
                '\u200b', ''
            ),
        )
        for block in driver.find_elements(By.CSS_SELECTOR, '.opblock')
    }


def test_docs_lists_every_dialect_and_its_operations(served, browser):
    base, app = served
    browser.get(base + '/docs/')
    specs = app.test_client()
    select = Select(
        WebDriverWait(browser, 20).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, 'select'))
        )
    )
    names = [option.text for option in select.options]
    assert any(name.startswith('/api ') for name in names)
    for index, name in enumerate(names):
        select = Select(browser.find_element(By.CSS_SELECTOR, 'select'))
        select.select_by_index(index)
        url = select.first_selected_option.get_attribute('value')
        description = specs.get(url).get_json()
        expected = {
            (method.upper(), path)
            for path, methods in description['paths'].items()
            for method in methods
        }
        WebDriverWait(browser, 20).until(
            lambda driver, expected=expected: _operations(driver) == expected
        )
        assert _operations(browser) == expected, name
