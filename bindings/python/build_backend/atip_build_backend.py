"""PEP 517 build backend of the atip package: setuptools' own backend
(setup.py does the work), run with the setuptools and wheel installed
beside the interpreter.

Why not plain setuptools.build_meta: with build isolation (the default of
`pip install .`), pip hides the interpreter's site-packages and installs
the build requirements from an index. atip is built offline, with the
setuptools and wheel that Debian ships, and no index is reachable. This
backend declares no build requirements and puts the interpreter's own
site-packages back on sys.path before it loads setuptools. Outside build
isolation, those folders are on sys.path already.
"""

from __future__ import annotations

import site
import sys
from typing import Any, Dict, List, Optional


def _setuptools_backend() -> Any:
    try:
        from setuptools import build_meta
    except ImportError:
        for path in site.getsitepackages():
            if path not in sys.path:
                site.addsitedir(path)
        try:
            from setuptools import build_meta
        except ImportError as error:
            raise ImportError(
                "building atip needs setuptools and wheel installed for this Python "
                "(Debian: apt install python3-setuptools python3-wheel)") from error
    return build_meta


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[Dict[str, Any]] = None) -> str:
    result: str = _setuptools_backend().prepare_metadata_for_build_wheel(metadata_directory, config_settings)
    return result


def build_wheel(wheel_directory: str, config_settings: Optional[Dict[str, Any]] = None,
                metadata_directory: Optional[str] = None) -> str:
    result: str = _setuptools_backend().build_wheel(wheel_directory, config_settings, metadata_directory)
    return result


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    result: str = _setuptools_backend().build_sdist(sdist_directory, config_settings)
    return result
