import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';

export type Thread = {
  reportId: string;
  trackingNo: string;
  incidentId: string | null;
  reporterOrgId: string | null;
  via: 'references' | 'acknowledgement' | 'token';
};

const DELIVERY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@/i;

type Row = { id: string; tracking_no: string; incident_id: string | null; reporter_org_id: string | null };

function thread(r: Row | undefined, via: Thread['via']): Thread | null {
  if (!r) return null;
  return {
    reportId: r.id,
    trackingNo: r.tracking_no,
    incidentId: r.incident_id,
    reporterOrgId: r.reporter_org_id,
    via,
  };
}

/**
 * The report an incoming message answers, if any: its In-Reply-To/References name a message that
 * became a report (or was threaded into one) and it comes from that message's or the report's
 * sender, or they name our acknowledgement e-mail of a report
 * (`<delivery id@host>`); or its subject carries a tracking number and it comes from the address
 * that sent that report. A tracking number alone, from anyone else, does not thread: anyone can
 * type one into a subject.
 */
export async function findThread(
  db: Queryable,
  m: { refs: readonly string[]; token: string | null; fromAddress: string | null },
): Promise<Thread | null> {
  const refs = [...m.refs];
  if (refs.length > 0) {
    // Their Message-IDs are known to everyone on the original mail (Cc, lists): the sender must be
    // the report's reporter or the sender of the referenced message; only our own ids suffice alone.
    const byMessage = m.fromAddress
      ? await db.execute<Row>(sql`
      SELECT r.id, r.tracking_no, r.incident_id, r.reporter_org_id FROM intake_mailbox_messages x
        JOIN reports r ON r.id = x.report_id
       WHERE x.message_key IN ${refs}
         AND ((x.from_address = ${m.fromAddress} AND x.reason IS DISTINCT FROM 'same-message-id')
              OR lower(r.reporter_email) = ${m.fromAddress}
              OR lower(r.contact_email) = ${m.fromAddress})
       ORDER BY x.created_at LIMIT 1`)
      : { rows: [] };
    const found = thread(byMessage.rows[0], 'references');
    if (found) return found;
    const deliveries = refs.map((id) => DELIVERY_ID.exec(id)?.[1]).filter((id): id is string => Boolean(id));
    if (deliveries.length > 0) {
      const byAck = await db.execute<Row>(sql`
        SELECT r.id, r.tracking_no, r.incident_id, r.reporter_org_id FROM notification_deliveries d
          JOIN notifications n ON n.id = d.notification_id
          JOIN reports r ON r.tracking_no = n.data->>'trackingNo'
         WHERE d.id IN ${deliveries} AND d.channel = 'email'
         LIMIT 1`);
      const acked = thread(byAck.rows[0], 'acknowledgement');
      if (acked) return acked;
    }
  }
  if (m.token && m.fromAddress) {
    const byToken = await db.execute<Row>(sql`
      SELECT r.id, r.tracking_no, r.incident_id, r.reporter_org_id FROM reports r
       WHERE r.tracking_no = ${m.token}
         AND (lower(r.reporter_email) = ${m.fromAddress} OR lower(r.contact_email) = ${m.fromAddress})`);
    return thread(byToken.rows[0], 'token');
  }
  return null;
}
