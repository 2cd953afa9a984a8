-- Orleans membership on PostgreSQL, written for this project from the query contract.
-- Every query that must be all-or-nothing is one statement: the providers open no transaction.

CREATE TABLE orleans_membership_version (
    deployment_id text PRIMARY KEY,
    version       integer NOT NULL DEFAULT 0 CHECK (version >= 0),
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership (
    deployment_id   text NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text NOT NULL,
    port            integer NOT NULL,
    generation      integer NOT NULL,
    silo_name       text NOT NULL,
    host_name       text NOT NULL,
    status          integer NOT NULL,
    proxy_port      integer NOT NULL,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer FROM created
$sql$),

-- The counter moves only when the member row does not exist yet; the insert runs only when the counter moved.
-- A concurrent duplicate that slips past NOT EXISTS fails on the primary key, which rolls back the bump too.
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = @DeploymentId
       AND version = @Version
       AND NOT EXISTS (SELECT 1 FROM orleans_membership
                        WHERE deployment_id = @DeploymentId AND address = @Address
                          AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, NULL, @StartTime, @IAmAliveTime
      FROM bumped
    RETURNING 1
)
SELECT count(*)::integer FROM inserted
$sql$),

('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = @DeploymentId
       AND version = @Version
       AND EXISTS (SELECT 1 FROM orleans_membership
                    WHERE deployment_id = @DeploymentId AND address = @Address
                      AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), updated AS (
    UPDATE orleans_membership m
       SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
      FROM bumped
     WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address
       AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*)::integer FROM updated
$sql$),

('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$sql$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Member rows under the column names Orleans reads, for the two read queries below.
CREATE VIEW orleans_membership_member AS
SELECT deployment_id,
       address         AS Address,
       port            AS Port,
       generation      AS Generation,
       silo_name       AS SiloName,
       host_name       AS HostName,
       status          AS Status,
       proxy_port      AS ProxyPort,
       suspect_times   AS SuspectTimes,
       start_time      AS StartTime,
       i_am_alive_time AS IAmAliveTime
  FROM orleans_membership;

INSERT INTO orleansquery (querykey, querytext) VALUES
-- One row holding the counter even when no member matches: Orleans reads NULL StartTime as "no member".
('MembershipReadRowKey', $sql$
SELECT v.version AS Version, m.*
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership_member m
         ON m.deployment_id = v.deployment_id AND m.address = @Address
        AND m.port = @Port AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId
$sql$),

('MembershipReadAllKey', $sql$
SELECT v.version AS Version, m.*
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership_member m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId
$sql$),

-- Member rows go with the counter through the foreign key's cascade.
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$sql$),

('GatewaysQueryKey', $sql$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$sql$),

-- Only dead silos (status 6) are ever removed, and only once they have been quiet since the cutoff.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$sql$),

-- Removes one dead row only if nothing about it changed since Orleans read it; NULL and '' suspicions are equal.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
   AND status = 6
   AND start_time = @StartTime
   AND i_am_alive_time = @IAmAliveTime
   AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$sql$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
