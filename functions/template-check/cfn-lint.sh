#!/usr/bin/env bash
# Offline checks of template.yaml with npm cfn-lint 1.9.7 (installed into the git-ignored .tools/).
#
# cfn-lint 1.9.7 dates from April 2019 (CloudFormation specification 2.29.0). It does not know
# what AWS added since (AWS::Serverless::HttpApi and HttpApi events, Architectures, SnapStart,
# LoggingConfig, SqsManagedSseEnabled, OwnershipControls, FunctionResponseTypes, FilterCriteria,
# BisectBatchOnFunctionError, DestinationConfig, ...) and reports each as critical. So it runs
# twice: on the template as it is (its report is printed, not trusted), then on a copy with those
# newer properties (HTTP API JWT Auth included) removed and the HTTP API written as a REST API, which must come out clean: that
# run still checks every !Ref, !GetAtt and !Sub target and every property known in 2019.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
lint="$root/.tools/cfn-lint/node_modules/.bin/cfn-lint"
if [ ! -x "$lint" ]; then
  npm install --prefix "$root/.tools/cfn-lint" --no-audit --no-fund --loglevel=error cfn-lint@1.9.7 >&2
fi
echo "== cfn-lint 1.9.7 on template.yaml as it is (criticals on post-2019 properties are expected)"
"$lint" validate "$root/template.yaml" | grep -E "crit|warn|Message" || true
subset="$(mktemp --suffix=.yaml)"
trap 'rm -f "$subset"' EXIT
python3 - "$root/template.yaml" "$subset" <<'PY'
import sys
newer = ['Architectures', 'SnapStart', 'LoggingConfig', 'SqsManagedSseEnabled', 'OwnershipControls',
         'FunctionResponseTypes', 'MaximumBatchingWindowInSeconds', 'BisectBatchOnFunctionError',
         'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'FilterCriteria', 'DestinationConfig', 'Filter', 'Auth']
out, skip = [], None
for line in open(sys.argv[1]).read().split('\n'):
    indent = len(line) - len(line.lstrip())
    if skip is not None:
        if line.strip() == '' or indent > skip:
            continue
        skip = None
    if any(line.strip().startswith(k + ':') for k in newer):
        skip = indent
        continue
    out.append(line)
text = '\n'.join(out)
if 'Type: AWS::Serverless::HttpApi\n    Properties:' in text:
    text = text.replace('Type: AWS::Serverless::HttpApi\n    Properties:', 'Type: AWS::Serverless::Api\n    Properties:\n      StageName: live')
else:
    text = text.replace('Type: AWS::Serverless::HttpApi', 'Type: AWS::Serverless::Api\n    Properties:\n      StageName: live')
text = text.replace('Type: HttpApi', 'Type: Api').replace('ApiId: !Ref VigieApi', 'RestApiId: !Ref VigieApi')
open(sys.argv[2], 'w').write(text)
PY
echo "== cfn-lint 1.9.7 on the 2019 subset (must be valid)"
"$lint" validate "$subset"
