-- The starter framework's licence is now known (seed/data/national-toms/LICENCE.md): databases
-- seeded before it said "to be confirmed". The app shows this text wherever its proxies are used.
UPDATE toms_frameworks
SET licence = 'National TOMs © Social Value Portal, CC BY-NC-ND 4.0'
WHERE id = 'national-toms-starter';
