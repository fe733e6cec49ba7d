#!/usr/bin/env python3
"""The real SAM transform and cfn-lint on template.yaml, as `sam deploy` would see it.

1. Every local CodeUri becomes the s3:// address `sam deploy` uploads it to (bucket and key
   made up: the transform only checks their form).
2. aws-sam-translator turns the template into plain CloudFormation (its errors are printed).
3. cfn-lint lints the result with informational checks included (-c I) in eu-west-3.

Prints each finding as `LEVEL RULE message (at path in the transformed template)` and exits 0 only when there is none
(exit 1: findings, exit 3: a package is missing). Usage: sam-check.py TEMPLATE OUTPUT_JSON
"""
import hashlib
import json
import os
import subprocess
import sys

try:
    import samtranslator
    from cfnlint.decode import decode
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator
except ImportError as e:
    print(f"missing Python package: {e.name} (pip install aws-sam-translator==1.110.0 cfn-lint==1.51.0)")
    sys.exit(3)

REGION = "eu-west-3"


def s3_code_uris(template):
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            props = resource.setdefault("Properties", {})
            uri = props.get("CodeUri")
            if isinstance(uri, str) and not uri.startswith("s3://"):
                digest = hashlib.md5(uri.encode()).hexdigest()
                props["CodeUri"] = f"s3://vigie-sam-artifacts-{REGION}/{digest}"


def main(source, output):
    template, matches = decode(source)
    if matches:
        for m in matches:
            print(f"E {m.rule.id} {m.message}")
        return 1
    s3_code_uris(template)
    os.environ["AWS_DEFAULT_REGION"] = REGION
    try:
        transformed = Translator(managed_policy_map={}, sam_parser=Parser()).translate(
            sam_template=template, parameter_values={})
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(f"E transform {cause.message}")
        return 1
    with open(output, "w") as out:
        json.dump(transformed, out, indent=1, default=str)
    lint = subprocess.run([sys.executable, "-c", "import sys; from cfnlint.runner import main; sys.exit(main())",
                           "--format", "json", "--regions", REGION, "--include-checks", "I", "--", output],
                          capture_output=True, text=True)
    try:
        findings = json.loads(lint.stdout or "[]")
    except json.JSONDecodeError:
        print(f"E cfn-lint failed: {lint.stderr.strip() or lint.stdout.strip()}")
        return 1
    for f in findings:
        where = "/".join(str(p) for p in f.get("Location", {}).get("Path") or [])
        print(f"{f['Level'][0]} {f['Rule']['Id']} {f['Message']} (at {where})")
    print(f"aws-sam-translator {samtranslator.__version__}, cfn-lint: {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
