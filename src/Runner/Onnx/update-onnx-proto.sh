#!/bin/sh
# Refreshes onnx.proto (ONNX's own schema, Apache-2.0/MIT, verbatim) from Debian's python3-onnx package.
# The build compiles it to C# with protoc from the Grpc.Tools package (Runner.csproj); nothing generated is committed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download python3-onnx
dpkg-deb -x python3-onnx_*.deb x
cp x/usr/lib/python3/dist-packages/onnx/onnx.proto "$here/onnx.proto"
echo "onnx.proto from $(ls python3-onnx_*.deb)"
