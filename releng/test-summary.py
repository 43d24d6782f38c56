"""Sums the tycho-surefire reports of all test bundles into one closing line: 'N passed, N failed'."""
import glob
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for report in sorted(glob.glob('bundles/*/target/surefire-reports/TEST-*.xml')):
    suite = ET.parse(report).getroot()
    tests = int(suite.get('tests', 0))
    bad = int(suite.get('failures', 0)) + int(suite.get('errors', 0))
    skip = int(suite.get('skipped', 0))
    passed += tests - bad - skip
    failed += bad
    skipped += skip
line = f'{passed} passed, {failed} failed'
if skipped:
    line += f', {skipped} skipped'
print(line)
sys.exit(1 if failed or passed == 0 else 0)
