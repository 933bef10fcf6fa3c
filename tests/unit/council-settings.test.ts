import { describe, expect, it } from 'vitest';
import { FileTemplates } from '#adapters/file-templates.ts';

/** A deployment's settings (COUNCIL_SETTINGS, set by the CDK app) win over the council's own file. */
describe('council settings from the deployment', () => {
  it("puts the deployment's recipients and disclosure threshold over council.json", async () => {
    const env = {
      COUNCIL_SETTINGS: JSON.stringify({
        sefton: {
          disclosureThreshold: 6,
          notifications: {
            from: 'Reports <reports@training.example.gov.uk>',
            officers: ['Trainer <trainer@training.example.gov.uk>'],
          },
        },
      }),
    };

    const { council } = await FileTemplates.fromEnvironment(env).load('sefton');

    expect(council.disclosureThreshold).toBe(6);
    expect(council.notifications).toEqual({
      from: 'Reports <reports@training.example.gov.uk>',
      officers: ['Trainer <trainer@training.example.gov.uk>'],
    });
    expect(council.name).toBe('Sefton Council');
  });

  it("keeps the council's own settings where the deployment says nothing", async () => {
    const { council } = await FileTemplates.fromEnvironment({}).load('sefton');
    expect(council.disclosureThreshold).toBe(4);
    expect(council.notifications.officers).toHaveLength(2);
  });

  it('refuses settings it cannot read, naming the variable and the field', () => {
    const env = { COUNCIL_SETTINGS: JSON.stringify({ sefton: { disclosureThreshold: 'four' } }) };
    expect(() => FileTemplates.fromEnvironment(env)).toThrow(
      /COUNCIL_SETTINGS is not valid:[\s\S]*sefton\.disclosureThreshold/,
    );
  });
});
