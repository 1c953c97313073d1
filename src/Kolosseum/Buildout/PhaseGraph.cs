using Kolosseum.Diagnostics;

namespace Kolosseum.Buildout;

/// <summary>
/// Checks that phases form a graph the simulation can run: every name it refers to exists, nothing
/// waits for itself, there is no cycle, and (with a ramp) every phase gates something. All problems
/// are reported at once, each where it was written.
/// </summary>
internal static class PhaseGraph
{
    /// <param name="field">Dotted path of the build-out (e.g. <c>options[1].buildout</c>), for the diagnostics' field names.</param>
    public static bool Validate(IReadOnlyList<PhaseSpec> phases, RampSpec? ramp, SourceLocation at, string field, DiagnosticBag diagnostics)
    {
        int before = diagnostics.ErrorCount;
        if (phases.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.MissingField, at, field + ".phases", null, "needs at least one phase",
                "a rented option has one: lead_time (0 d for capacity available now)");
            return false;
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < phases.Count; i++) index.TryAdd(phases[i].Name, i);
        var names = phases.Select(p => p.Name).ToList();

        foreach (var p in phases)
        {
            for (int j = 0; j < p.After.Count; j++)
            {
                string target = p.After[j];
                var loc = j < p.AfterLocations.Count ? p.AfterLocations[j] : p.Location;
                string f = $"{field}.phases.{p.Name}.after";
                if (target == p.Name)
                    diagnostics.Error(DiagnosticCodes.Inconsistent, loc, f, target, "a phase cannot wait for itself", "remove it from its own 'after' list");
                else if (!index.ContainsKey(target))
                    diagnostics.Error(DiagnosticCodes.UnknownId, loc, f, target, $"unknown phase '{target}'", Suggest.DidYouMean(target, names));
            }
        }
        ReportCycles(phases, index, field, diagnostics);

        if (ramp is not null)
        {
            CheckRefs(ramp.DeliveriesAfter, ramp.DeliveriesAfterLocation, field + ".ramp.deliveries_after", index, names, diagnostics);
            CheckRefs(ramp.InstallAfter, ramp.InstallAfterLocation, field + ".ramp.install_after", index, names, diagnostics);
            var gating = Ancestors(phases, index, ramp.DeliveriesAfter.Concat(ramp.InstallAfter));
            for (int i = 0; i < phases.Count; i++)
            {
                if (gating.Contains(i)) continue;
                diagnostics.Error(DiagnosticCodes.Inconsistent, phases[i].Location, $"{field}.phases.{phases[i].Name}", null,
                    "gates nothing: neither the server deliveries nor the installation wait for it",
                    "add it to ramp.install_after or ramp.deliveries_after, or name it in another phase's 'after'");
            }
        }
        return diagnostics.ErrorCount == before;
    }

    /// <summary>Phase indices in an order where every phase comes after those it waits for (stable: ties by index).</summary>
    public static int[] TopologicalOrder(IReadOnlyList<PhaseSpec> phases)
    {
        var index = Index(phases);
        int n = phases.Count;
        var waiting = new int[n];
        var dependents = new List<int>[n];
        for (int i = 0; i < n; i++) dependents[i] = [];
        for (int i = 0; i < n; i++)
            foreach (var a in phases[i].After.Distinct(StringComparer.Ordinal))
            {
                waiting[i]++;
                dependents[index[a]].Add(i);
            }
        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < n; i++) if (waiting[i] == 0) ready.Enqueue(i, i);
        var order = new List<int>(n);
        while (ready.TryDequeue(out int k, out _))
        {
            order.Add(k);
            foreach (var d in dependents[k])
                if (--waiting[d] == 0) ready.Enqueue(d, d);
        }
        if (order.Count != n) throw new InvalidOperationException("phase graph has a cycle; validate it first (a bug)");
        return [.. order];
    }

    public static Dictionary<string, int> Index(IReadOnlyList<PhaseSpec> phases)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < phases.Count; i++) index[phases[i].Name] = i;
        return index;
    }

    private static void CheckRefs(IReadOnlyList<string> refs, SourceLocation at, string field, Dictionary<string, int> index, List<string> names, DiagnosticBag diagnostics)
    {
        foreach (var name in refs)
            if (!index.ContainsKey(name))
                diagnostics.Error(DiagnosticCodes.UnknownId, at, field, name, $"unknown phase '{name}'", Suggest.DidYouMean(name, names));
    }

    /// <summary>The phases named and every phase they wait for, directly or not.</summary>
    private static HashSet<int> Ancestors(IReadOnlyList<PhaseSpec> phases, Dictionary<string, int> index, IEnumerable<string> roots)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        foreach (var r in roots)
            if (index.TryGetValue(r, out int i) && seen.Add(i)) stack.Push(i);
        while (stack.Count > 0)
        {
            int k = stack.Pop();
            foreach (var a in phases[k].After)
                if (index.TryGetValue(a, out int j) && seen.Add(j)) stack.Push(j);
        }
        return seen;
    }

    /// <summary>Depth-first search on "waits for" edges; each back edge closes a cycle, reported where that edge was written.</summary>
    private static void ReportCycles(IReadOnlyList<PhaseSpec> phases, Dictionary<string, int> index, string field, DiagnosticBag diagnostics)
    {
        int n = phases.Count;
        var state = new byte[n]; // 0 new, 1 on the stack, 2 done
        var path = new List<int>();
        for (int root = 0; root < n; root++)
        {
            if (state[root] != 0) continue;
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            path.Add(root);
            while (stack.Count > 0)
            {
                var (u, next) = stack.Pop();
                var after = phases[u].After;
                if (next < after.Count)
                {
                    stack.Push((u, next + 1));
                    if (!index.TryGetValue(after[next], out int v) || v == u) continue;
                    if (state[v] == 1)
                    {
                        int from = path.IndexOf(v);
                        var cycle = path.Skip(from).Select(i => phases[i].Name).Append(phases[v].Name);
                        var loc = next < phases[u].AfterLocations.Count ? phases[u].AfterLocations[next] : phases[u].Location;
                        diagnostics.Error(DiagnosticCodes.Inconsistent, loc, $"{field}.phases.{phases[u].Name}.after", phases[v].Name,
                            "phases wait for each other in a cycle: " + string.Join(" → ", cycle) + " (each waits for the next)",
                            "remove one of these 'after' entries");
                    }
                    else if (state[v] == 0)
                    {
                        state[v] = 1;
                        path.Add(v);
                        stack.Push((v, 0));
                    }
                }
                else
                {
                    state[u] = 2;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
    }
}
