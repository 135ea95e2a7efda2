/**
 * Active Directory users from PowerShell:
 * `Get-ADUser -Filter * -Properties EmployeeID,mail,LastLogonDate,whenCreated,whenChanged | Export-Csv users.csv`.
 * Windows PowerShell 5.1 writes a `#TYPE Microsoft.ActiveDirectory.Management.ADUser` line above
 * the header (unless -NoTypeInformation), quotes every field and writes dates in the session's
 * culture (en-US: `1/31/2025 5:10:00 PM`).
 */
import type { SourceProfile } from '../types.js';

export const activeDirectory: SourceProfile = {
  id: 'active-directory',
  name: 'Active Directory users (Get-ADUser | Export-Csv)',
  system: 'Active Directory',
  export: 'Get-ADUser -Filter * -Properties EmployeeID,mail,LastLogonDate,whenCreated,whenChanged | Export-Csv users.csv',
  signature: {
    required: ['SamAccountName', 'DistinguishedName', 'Enabled', 'ObjectGUID'],
    optional: ['UserPrincipalName', 'SID', 'GivenName', 'Surname', 'Name', 'ObjectClass', 'LastLogonDate', 'whenCreated', 'whenChanged', 'EmployeeID', 'mail', 'DisplayName'],
  },
  kinds: {
    account: {
      fields: {
        username: ['SamAccountName'],
        email: ['mail', 'EmailAddress'],
        employee_id: ['EmployeeID', 'EmployeeNumber'],
        display_name: ['DisplayName', 'Name'],
        enabled: ['Enabled'],
        status: [],
        disabled_at: ['whenChanged'],
        last_login: ['LastLogonDate'],
        created_at: ['whenCreated'],
        system: [],
      },
      notes: [
        'AD keeps no disable time: disabled_at is whenChanged, the last change to any attribute — for a disabled account an upper bound on when it was disabled (a later edit moves it). A late date is a lead to inspect (security event 4725), not proof.',
        'LastLogonDate is lastLogonTimestamp, replicated with up to 14 days\' lag: a login after termination within that lag needs the DC logs to confirm.',
      ],
    },
  },
  read: { encoding: 'ascii', delimiter: ',', dateOrder: 'mdy', preamble: '#TYPE Microsoft.ActiveDirectory.Management.ADUser' },
  notes: ['Run Export-Csv with -Encoding UTF8 to keep non-ASCII names (Windows PowerShell 5.1 writes ASCII by default).'],
};
