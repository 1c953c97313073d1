using Kolosseum.Randomness;
namespace Kolosseum.Reliability.Simulation;

/// <summary>
/// One trial of the discrete-event simulation of a whole training run. Failures arrive in wall-clock
/// time (also during restarts: Daly's model); the work since the last durable checkpoint is lost; the
/// job detects the failure, swaps failed nodes for hot spares (waiting, or shrinking, when none is
/// left), restarts and resumes. Checkpoints are not events: between two interruptions the run is
/// periodic (compute τ, stop for the checkpoint), so the checkpoints passed and the work kept follow
/// in O(1) from the time elapsed. Stragglers slow a whole segment, drawn once per segment.
/// One instance per worker thread; <see cref="Run"/> allocates nothing unless a timeline is recorded.
/// </summary>
internal sealed class TrialSimulator
{
    private enum Step { Startup, Recover, Restart, Run, Planned, Done }

    private enum PhaseEnd { Ok, Failed, Stopped, Finished, Planned }

    private readonly SimulationModel _m;
    private double[] _repairs = new double[64];
    private int _repairCount;
    private TrialRng _rng;
    private List<(double At, TimelineEventKind Kind, int Cause, double Lost, long Nodes, double Slowdown)>? _timeline;
    private int _timelineLimit;

    private double _t, _work, _h;
    private long _missing, _pool;
    private double _nextFailure, _nextPlanned;

    public TrialSimulator(SimulationModel model)
    {
        _m = model;
        CauseCounts = new long[model.CauseCount];
    }

    public TrialOutcome Outcome;

    /// <summary>Interruptions per cause in the last trial (index as in <see cref="SimulationModel"/>).</summary>
    public long[] CauseCounts { get; }

    /// <summary>The first events of the last trial, when recorded (at most the limit given to <see cref="Run"/>).</summary>
    public IReadOnlyList<(double At, TimelineEventKind Kind, int Cause, double Lost, long Nodes, double Slowdown)>? Timeline => _timeline;

    /// <summary>Events of the last trial, all of them, recorded or not.</summary>
    public long EventCount { get; private set; }

    /// <summary>
    /// Runs one trial. With <paramref name="timelineLimit"/> above 0 the first that many events are kept: a run
    /// stretched over centuries on millions of GPUs has hundreds of millions of them, and the memory a trial
    /// holds must not grow with its length (only the count and the digest cover them all).
    /// </summary>
    public void Run(ulong seed, long trial, int timelineLimit = 0)
    {
        _rng = TrialRng.For(seed, trial);
        _timelineLimit = timelineLimit;
        _timeline = timelineLimit > 0 ? new(Math.Min(timelineLimit, 1024)) : null;
        EventCount = 0;
        Outcome = default;
        Array.Clear(CauseCounts);
        _t = 0;
        _work = 0;
        _h = 1;
        _missing = 0;
        _pool = _m.Spares;
        _repairCount = 0;
        _nextFailure = DrawFailureGap();
        _nextPlanned = DrawPlannedGap();
        Emit(TimelineEventKind.Start, -1, 0, _m.Nodes);

        var step = Step.Startup;
        while (step != Step.Done)
        {
            step = step switch
            {
                Step.Startup => Next(Down(_m.Startup, ref Outcome.Restart), Step.Run),
                Step.Recover => Recover(),
                Step.Restart => RestartJob(),
                Step.Run => RunSegment() switch
                {
                    PhaseEnd.Failed => Step.Recover,
                    PhaseEnd.Planned => Step.Planned,
                    _ => Step.Done,
                },
                Step.Planned => PlannedRestart(),
                _ => Step.Done,
            };
        }
        Outcome.Wall = _t;
        Outcome.WorkDone = _work;
    }

    private static Step Next(PhaseEnd o, Step onOk) => o switch
    {
        PhaseEnd.Ok => onOk,
        PhaseEnd.Failed => Step.Recover,
        _ => Step.Done,
    };

    /// <summary>After a failure: wait to detect it, take spares (or wait for repairs), then restart.</summary>
    private Step Recover()
    {
        var o = Down(_m.Detection, ref Outcome.Restart);
        if (o != PhaseEnd.Ok) return Next(o, Step.Done);
        TakeSpares();
        if (_missing > 0 && !_m.Shrink && WaitForRepairs() == PhaseEnd.Stopped) return Step.Done;
        return Step.Restart;
    }

    private Step RestartJob()
    {
        if (_m.Shrink) Regroup();
        return Next(Down(_m.AfterDetection, ref Outcome.Restart), Step.Run);
    }

    private Step PlannedRestart()
    {
        if (_m.Shrink) Regroup();
        return Next(Down(_m.PlannedStop, ref Outcome.PlannedStops), Step.Run);
    }

    /// <summary>
    /// A phase in which the job does not train (start-up, detection, restart, planned stop). A failure
    /// during it starts recovery over. Planned stops due while the job is down are postponed.
    /// </summary>
    private PhaseEnd Down(double duration, ref double bucket)
    {
        double end = _t + duration;
        double stop = Math.Min(_nextFailure, Math.Min(_m.Window, _m.WallLimit));
        if (stop < end)
        {
            Spend(stop - _t, ref bucket);
            _t = stop;
            if (stop == _nextFailure)
            {
                Fail(0);
                return PhaseEnd.Failed;
            }
            return StopAtLimit();
        }
        Spend(end - _t, ref bucket);
        _t = end;
        if (_nextPlanned < _t) _nextPlanned = _t + DrawPlannedGap();
        return PhaseEnd.Ok;
    }

    /// <summary>Synchronous training waits until every failed node is back (spare or repaired); failures keep arriving meanwhile.</summary>
    private PhaseEnd WaitForRepairs()
    {
        Emit(TimelineEventKind.WaitForSpare, -1, 0, _m.Nodes - _missing);
        Outcome.Waits++;
        while (_missing > 0)
        {
            // Every missing node is in repair (nodes are conserved), so the heap cannot be empty here.
            if (_repairCount == 0) throw new InvalidOperationException("a missing node has no repair in progress (a bug)");
            double repaired = _repairs[0];
            double stop = Math.Min(_nextFailure, Math.Min(_m.Window, _m.WallLimit));
            if (stop < repaired)
            {
                Spend(stop - _t, ref Outcome.Waiting);
                _t = stop;
                if (stop != _nextFailure) return StopAtLimit();
                Fail(0);
                continue;
            }
            Spend(repaired - _t, ref Outcome.Waiting);
            _t = repaired;
            PopRepair();
            _missing--;
        }
        return PhaseEnd.Ok;
    }

    /// <summary>Runs from a restart to the next interruption, the end of the work, or the end of the window.</summary>
    private PhaseEnd RunSegment()
    {
        double slowdown = DrawSlowdown();
        double v = _h / slowdown;
        Emit(TimelineEventKind.Resume, -1, 0, _m.Nodes - _missing, slowdown);
        double tau = _m.Tau, stopTime = _m.CheckpointStop, cycle = tau + stopTime;
        double remaining = _m.Work - _work;
        double finishAt = double.PositiveInfinity, n = 0, last = 0;
        if (v > 0 && double.IsFinite(remaining))
        {
            double chunk = tau * v;
            n = Math.Max(0, Math.Ceiling(remaining / chunk) - 1);
            last = (remaining - n * chunk) / v;
            finishAt = _t + n * cycle + last;
        }
        double limit = Math.Min(_m.Window, _m.WallLimit);
        double stop = Math.Min(Math.Min(_nextFailure, _nextPlanned), limit);
        if (finishAt <= stop)
        {
            Compute(n * tau + last, 0, n * stopTime, slowdown);
            _work = _m.Work;
            _t = finishAt;
            Outcome.Finished = true;
            Emit(TimelineEventKind.Finish, -1, 0, _m.Nodes - _missing);
            return PhaseEnd.Finished;
        }
        double x = stop - _t;
        double k = Math.Floor(x / cycle);
        double within = x - k * cycle;
        double computed = k * tau + Math.Min(within, tau);
        double stopped = k * stopTime + Math.Max(0, within - tau);
        if (stop == _nextFailure)
        {
            double started = k + (within >= tau ? 1 : 0);
            double durable = x >= tau + _m.DurableAfter ? Math.Min(started, Math.Floor((x - tau - _m.DurableAfter) / cycle) + 1) : 0;
            double kept = durable * tau;
            Compute(kept, computed - kept, stopped, slowdown);
            _work += kept * v;
            _t = stop;
            Fail(computed - kept);
            return PhaseEnd.Failed;
        }
        // A planned stop checkpoints everything first; the end of the window keeps what was computed.
        Compute(computed, 0, stopped, slowdown);
        _work += computed * v;
        _t = stop;
        if (stop == _nextPlanned)
        {
            int cause = DrawCause(planned: true);
            CauseCounts[cause]++;
            Outcome.PlannedCount++;
            _nextPlanned = _t + DrawPlannedGap();
            Emit(TimelineEventKind.PlannedStop, cause, 0, _m.Nodes - _missing);
            return PhaseEnd.Planned;
        }
        return StopAtLimit();
    }

    private PhaseEnd StopAtLimit()
    {
        bool window = _t >= _m.Window;
        if (!window) Outcome.GaveUp = true;
        Emit(window ? TimelineEventKind.WindowEnd : TimelineEventKind.GiveUp, -1, 0, _m.Nodes - _missing);
        return PhaseEnd.Stopped;
    }

    /// <summary>An unexpected failure at the current time: count it, send a node to repair if needed, draw the next one.</summary>
    private void Fail(double lostCompute)
    {
        int cause = DrawCause(planned: false);
        CauseCounts[cause]++;
        Outcome.Unexpected++;
        if (_m.NeedsSpare[cause])
        {
            PushRepair(_t + Math.Exp(_m.RepairMu + _m.RepairSigma * _rng.Normal()));
            _missing++;
        }
        _nextFailure = _t + DrawFailureGap();
        Emit(TimelineEventKind.Failure, cause, lostCompute, _m.Nodes - _missing);
    }

    /// <summary>Returns repaired nodes to the pool and fills the job's gaps from it.</summary>
    private void TakeSpares()
    {
        while (_repairCount > 0 && _repairs[0] <= _t)
        {
            PopRepair();
            _pool++;
        }
        long take = Math.Min(_pool, _missing);
        _pool -= take;
        _missing -= take;
        Outcome.SpareSwaps += take;
    }

    /// <summary>Elastic restart: take what the pool has and continue on the nodes present.</summary>
    private void Regroup()
    {
        TakeSpares();
        double h = (double)(_m.Nodes - _missing) / _m.Nodes;
        if (h == _h) return;
        _h = h;
        // Memoryless arrivals may be redrawn at the new rate; a Weibull renewal clock keeps running.
        if (!_m.Weibull) _nextFailure = _t + DrawFailureGap();
        _nextPlanned = _t + DrawPlannedGap();
    }

    private void Spend(double dt, ref double bucket)
    {
        bucket += _h * dt;
        Outcome.Smaller += (1 - _h) * dt;
    }

    private void Compute(double kept, double lost, double stopped, double slowdown)
    {
        Outcome.KeptCompute += kept;
        Outcome.Useful += _h * kept / slowdown;
        Outcome.Stragglers += _h * kept * (1 - 1 / slowdown);
        Outcome.LostWork += _h * lost;
        Outcome.Checkpoint += _h * stopped;
        Outcome.Smaller += (1 - _h) * (kept + lost + stopped);
    }

    private double DrawFailureGap()
    {
        double rate = _m.UnexpectedFixed + _m.UnexpectedScalable * _h;
        if (!(rate > 0)) return double.PositiveInfinity;
        if (!_m.Weibull) return _rng.Exponential() / rate;
        return _m.WeibullScaleFactor / rate * Math.Pow(_rng.Exponential(), _m.InverseShape);
    }

    private double DrawPlannedGap()
    {
        double rate = _m.PlannedFixed + _m.PlannedScalable * _h;
        return rate > 0 ? _rng.Exponential() / rate : double.PositiveInfinity;
    }

    private int DrawCause(bool planned)
    {
        double total = planned ? _m.PlannedFixed + _m.PlannedScalable * _h : _m.UnexpectedFixed + _m.UnexpectedScalable * _h;
        double u = _rng.NextDouble() * total;
        int lastMatch = -1;
        for (int i = 0; i < _m.CauseCount; i++)
        {
            if (_m.Planned[i] != planned) continue;
            lastMatch = i;
            u -= _m.FixedRate[i] + _m.ScalableRate[i] * _h;
            if (u < 0) return i;
        }
        return lastMatch;
    }

    private double DrawSlowdown()
    {
        if (!_m.Stragglers || _rng.NextDouble() >= _m.StragglerProbability) return 1;
        return 1 + _m.StragglerThreshold + Math.Exp(_m.StragglerMu + _m.StragglerSigma * _rng.Normal());
    }

    private void Emit(TimelineEventKind kind, int cause, double lost, long nodes, double slowdown = 1)
    {
        unchecked
        {
            ulong h = Outcome.Digest;
            h = Xoshiro256StarStar.Mix(h ^ (ulong)kind ^ ((ulong)(cause + 1) << 8));
            h = Xoshiro256StarStar.Mix(h ^ (ulong)BitConverter.DoubleToInt64Bits(_t));
            h = Xoshiro256StarStar.Mix(h ^ (ulong)BitConverter.DoubleToInt64Bits(lost) ^ ((ulong)nodes << 1));
            Outcome.Digest = h;
        }
        EventCount++;
        if (_timeline is not null && _timeline.Count < _timelineLimit) _timeline.Add((_t, kind, cause, lost, nodes, slowdown));
    }

    // A binary min-heap of repair completion times.
    private void PushRepair(double at)
    {
        if (_repairCount == _repairs.Length) Array.Resize(ref _repairs, _repairs.Length * 2);
        int i = _repairCount++;
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (_repairs[parent] <= at) break;
            _repairs[i] = _repairs[parent];
            i = parent;
        }
        _repairs[i] = at;
    }

    private void PopRepair()
    {
        double last = _repairs[--_repairCount];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= _repairCount) break;
            if (child + 1 < _repairCount && _repairs[child + 1] < _repairs[child]) child++;
            if (_repairs[child] >= last) break;
            _repairs[i] = _repairs[child];
            i = child;
        }
        if (_repairCount > 0) _repairs[i] = last;
    }
}
