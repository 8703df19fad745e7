#!/usr/bin/env bash
# A real single-node Slurm cluster for the Slurm tests: `cluster.sh up` installs the packages when
# missing (root), starts munged, slurmctld and slurmd under a fresh temporary folder on free ports and
# writes tests/slurm/cluster.env (SLURM_CONF and the rest), which the tests read; `cluster.sh down`
# stops exactly the processes `up` started (their pids, after checking each command line) and removes
# the folder. `up` on a cluster that is already up does nothing. Configuration and pitfalls:
# the shared slurm-notes (cred_expire=10 so a requeued task restarts in ~11 s, sched_interval=1, two
# partitions: debug (default, GraceTime=5) and high, which preempts debug by requeueing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
env_file="${RUNNER_SLURM_ENV:-$here/cluster.env}"

say() { echo "cluster.sh: $*" >&2; }

# pid:expected-command pairs recorded by `up`; a pid whose command line no longer matches was reused.
stop_recorded() {
  [[ -f "$env_file" ]] || return 0
  local base pids
  base="$(sed -n 's/^SLURM_TEST_BASE=//p' "$env_file")"
  pids="$(sed -n 's/^SLURM_TEST_PIDS=//p' "$env_file")"
  # Jobs of this cluster first (its slurmstepd and job processes would outlive slurmd).
  local conf="$base/etc/slurm.conf"
  if [[ -f "$conf" ]] && [[ -n "$(SLURM_CONF="$conf" timeout 5 squeue -h -o %i 2>/dev/null)" ]]; then
    SLURM_CONF="$conf" timeout 10 scancel --full -u "$(id -un)" 2>/dev/null || true
    for _ in $(seq 50); do [[ -z "$(SLURM_CONF="$conf" timeout 5 squeue -h -o %i 2>/dev/null)" ]] && break; sleep 0.2; done
  fi
  local ours=""
  for entry in $pids; do
    local pid="${entry%%:*}" name="${entry#*:}"
    if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$name.*$base"; then
      kill "$pid" 2>/dev/null || true
      ours+="$pid "
    fi
  done
  # All three at once, then wait for each (up to 5 s) before SIGKILL.
  for pid in $ours; do
    for _ in $(seq 50); do [[ -e /proc/$pid ]] || break; sleep 0.1; done
    [[ -e /proc/$pid ]] && kill -9 "$pid" 2>/dev/null || true
  done
  [[ -n "$base" && -d "$base" && "$base" == /tmp/runner-slurm.* ]] && rm -rf "$base"
  rm -f "$env_file"
}

is_up() {
  [[ -f "$env_file" ]] || return 1
  local conf
  conf="$(sed -n 's/^SLURM_CONF=//p' "$env_file")"
  [[ -f "$conf" ]] && SLURM_CONF="$conf" timeout 5 sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'
}

install_packages() {
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null \
    && command -v munged >/dev/null && return 0
  [[ $(id -u) -eq 0 ]] || { say "slurmctld/slurmd/munge are missing and installing them needs root"; exit 1; }
  say "installing slurmctld slurmd slurm-client munge (about 30 s)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-cache show slurmctld >/dev/null 2>&1 || apt-get update -qq >/dev/null
  # The postinst's "policy-rc.d denied execution of start" is expected: the daemons are started below.
  apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null 2>&1 \
    || { say "apt-get install failed"; exit 1; }
}

free_port() { # two consecutive free TCP ports; prints the first
  local used port
  used="$(ss -Htan | awk '{print $4}' | sed 's/.*://' | sort -u)"
  for _ in $(seq 200); do
    port=$(( 20000 + RANDOM % 30000 ))
    grep -qx "$port" <<<"$used" || grep -qx "$((port + 1))" <<<"$used" || { echo "$port"; return; }
  done
  say "no free port found"; exit 1
}

up() {
  if is_up; then say "already up ($env_file)"; return 0; fi
  stop_recorded
  install_packages
  local base host port hw pids=""
  base="$(mktemp -d /tmp/runner-slurm.XXXXXX)"
  chmod 755 "$base"   # munged refuses a socket whose path isn't world-executable
  mkdir -p "$base"/{etc,munge,state,spool,log}
  chmod 755 "$base"/{etc,munge,state,spool,log}
  host="$(hostname -s)"
  port="$(free_port)"
  # The node's real layout (sockets, cores), with memory trimmed so slurmd never reports less.
  hw="$(slurmd -C | head -1 | sed 's/^NodeName=[^ ]* //' | awk '{for(i=1;i<=NF;i++){if($i ~ /^RealMemory=/){split($i,a,"=");$i="RealMemory=" int(a[2]*0.95)}} print}')"

  head -c 1024 /dev/urandom >"$base/munge/munge.key"
  chmod 400 "$base/munge/munge.key"
  cat >"$base/etc/slurm.conf" <<EOF
ClusterName=runnertest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$base/munge/munge.socket,cred_expire=10
StateSaveLocation=$base/state
SlurmdSpoolDir=$base/spool
SlurmctldPidFile=$base/state/slurmctld.pid
SlurmdPidFile=$base/spool/slurmd.pid
SlurmctldLogFile=$base/log/slurmctld.log
SlurmdLogFile=$base/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$base/log/jobcomp.txt
MpiDefault=none
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,bf_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
KillWait=5
MailProg=/bin/true
MinJobAge=300
PreemptType=preempt/partition_prio
PreemptMode=REQUEUE
NodeName=$host NodeAddr=127.0.0.1 $hw
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP PriorityTier=1 GraceTime=5
PartitionName=high  Nodes=ALL MaxTime=INFINITE State=UP PriorityTier=10 PreemptMode=OFF
EOF
  export SLURM_CONF="$base/etc/slurm.conf"

  setsid munged -F --key-file="$base/munge/munge.key" --socket="$base/munge/munge.socket" \
    --pid-file="$base/munge/munged.pid" --log-file="$base/log/munged.log" --seed-file="$base/munge/seed" \
    </dev/null >>"$base/log/munged.out" 2>&1 &
  pids+="$!:munged "
  for _ in $(seq 50); do [[ -S "$base/munge/munge.socket" ]] && break; sleep 0.1; done
  setsid slurmctld -D -i -f "$SLURM_CONF" </dev/null >>"$base/log/slurmctld.out" 2>&1 &
  pids+="$!:slurmctld "
  setsid slurmd -D -f "$SLURM_CONF" </dev/null >>"$base/log/slurmd.out" 2>&1 &
  pids+="$!:slurmd "

  { echo "SLURM_CONF=$SLURM_CONF"
    echo "SLURM_TEST_BASE=$base"
    echo "SLURM_TEST_PIDS=${pids% }"
    echo "SLURM_TEST_HOST=$host"
  } >"$env_file"

  for _ in $(seq 150); do
    if is_up; then say "up in $SECONDS s: SLURM_CONF=$SLURM_CONF ($env_file)"; return 0; fi
    sleep 0.2
  done
  say "the cluster did not come up within 30 s; logs in $base/log:"
  tail -n 20 "$base"/log/*.log >&2 || true
  down
  exit 1
}

down() {
  if [[ ! -f "$env_file" ]]; then say "not up"; return 0; fi
  stop_recorded
  say "down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
