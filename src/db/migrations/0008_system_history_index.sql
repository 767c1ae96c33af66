-- A system's history finds component events by the system id they carry (removed components included).
CREATE INDEX "audit_log_system_component_idx" ON "audit_log" ((diff->'detail'->>'systemId')) WHERE subject_type = 'system_component';
