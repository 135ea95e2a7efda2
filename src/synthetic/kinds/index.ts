/**
 * The row model of every kind.
 *
 * @example
 * modelOf('change').prefix // 'CHG'
 */
import type { Kind } from '../../population/kinds.js';
import { accessGrantModel } from './access-grant.js';
import { accountModel } from './account.js';
import { accessReviewModel } from './access-review.js';
import { changeModel } from './change.js';
import { genericModel } from './generic.js';
import type { KindModel } from './model.js';
import { terminationModel } from './termination.js';
import { ticketModel } from './ticket.js';
import { vulnerabilityModel } from './vulnerability.js';

export const kindModels: Record<Kind, KindModel> = {
  change: changeModel,
  access_grant: accessGrantModel,
  termination: terminationModel,
  account: accountModel,
  access_review: accessReviewModel,
  ticket: ticketModel,
  vulnerability: vulnerabilityModel,
  generic: genericModel,
};

export function modelOf(kind: Kind): KindModel {
  return kindModels[kind];
}
