"""Builds the atip Python package: the pure-Python layer from
bindings/python/atip and the C++ extension atip._atip through CMake.

    pip install .                         # from the source tree
    pip install . --no-build-isolation    # the same, in the current environment

Needs CMake, a C++20 compiler and the Debian packages listed in
scripts/install-deps.sh; setuptools and wheel come from Debian
(python3-setuptools, python3-wheel), so nothing is downloaded.

Environment:
    ATIP_CMAKE_ARGS   extra CMake arguments, split on spaces
                      ("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    ATIP_JOBS         parallel build jobs (default: all cores)
"""

from __future__ import annotations

import os
import pathlib
import re
import shlex
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent
PACKAGE_DIR = ROOT / "bindings" / "python"


def project_version() -> str:
    """The version in the top-level CMakeLists.txt, which is also the C++ one."""
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(atip\s+VERSION\s+([0-9][0-9.]*)", text)
    if not match:
        raise RuntimeError("CMakeLists.txt: no 'project(atip VERSION x.y.z)' found")
    return match.group(1)


class CMakeExtension(Extension):
    """An extension whose sources CMake knows; setuptools compiles nothing."""

    def __init__(self, name: str, target: str) -> None:
        super().__init__(name, sources=[])
        self.target = target


class CMakeBuild(build_ext):
    """Configures the atip CMake project with only the Python extension
    enabled and builds its target into the folder setuptools packs."""

    def build_extension(self, ext: Extension) -> None:
        if not isinstance(ext, CMakeExtension):
            super().build_extension(ext)
            return
        output = pathlib.Path(self.get_ext_fullpath(ext.name)).resolve()
        build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
        build_dir.mkdir(parents=True, exist_ok=True)
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DATIP_BUILD_PYTHON=ON",
            "-DATIP_BUILD_TESTS=OFF",
            "-DATIP_BUILD_EXAMPLES=OFF",
            "-DATIP_BUILD_BENCHMARKS=OFF",
            f"-DPython3_EXECUTABLE={sys.executable}",
            f"-DATIP_PYTHON_EXTENSION_DIR={output.parent}",
            *shlex.split(os.environ.get("ATIP_CMAKE_ARGS", "")),
        ]
        jobs = os.environ.get("ATIP_JOBS") or str(os.cpu_count() or 1)
        build = ["cmake", "--build", str(build_dir), "--target", ext.target, "-j", jobs]
        subprocess.run(configure, check=True)
        subprocess.run(build, check=True)
        if not output.exists():
            raise RuntimeError(f"CMake did not produce {output}; check the extension suffix of {sys.executable}")


setup(
    name="atip",
    version=project_version(),
    description="Clearinghouse logic for pro bono anti-trafficking legal work",
    long_description=(ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    if (ROOT / "docs" / "python.md").exists() else "",
    long_description_content_type="text/markdown",
    license="See LICENSE",
    python_requires=">=3.10",
    packages=["atip"],
    package_dir={"": str(PACKAGE_DIR.relative_to(ROOT))},
    package_data={"atip": ["py.typed", "*.pyi"]},
    ext_modules=[CMakeExtension("atip._atip", target="atip_python")],
    cmdclass={"build_ext": CMakeBuild},
    extras_require={"dataframe": ["pandas"], "plots": ["matplotlib"]},
    zip_safe=False,
)
