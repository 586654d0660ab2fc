#!/usr/bin/env bash
# Compiles and lints infra/main.bicep (and every module it uses) with the Bicep CLI from the
# Azure.Bicep.CommandLine.linux-x64 NuGet package. Fails on any error or warning: `bicep lint`
# itself exits 0 when it only has warnings, so its output is read.
# The same checks, and more, run as tests in tests/WelfareFlow.Infra.Tests.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(grep -oP 'Include="Azure\.Bicep\.CommandLine\.linux-x64" Version="\K[^"]+' "$root/Directory.Packages.props")"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [[ ! -f "$bicep" ]]; then
  # The test project references the package; restoring it puts the CLI in the NuGet folder.
  dotnet restore "$root/tests/WelfareFlow.Infra.Tests/WelfareFlow.Infra.Tests.csproj" --verbosity quiet
fi
[[ -x "$bicep" ]] || chmod +x "$bicep"

# The CLI is a self-contained .NET app; it needs no culture data.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
cd "$root/infra"
"$bicep" build main.bicep --outfile "$work/main.json" >"$work/build.out" 2>&1 || status=1
"$bicep" lint main.bicep >"$work/lint.out" 2>&1 || status=1
cat "$work/build.out" "$work/lint.out"

if grep -qE '(Warning|Error)' "$work/build.out" "$work/lint.out"; then
  status=1
fi

if [[ $status -ne 0 ]]; then
  echo "bicep-lint: FAILED (bicep $version): infra/main.bicep has errors or warnings" >&2
  exit 1
fi
echo "bicep-lint: infra/main.bicep builds and lints clean (bicep $version)"
