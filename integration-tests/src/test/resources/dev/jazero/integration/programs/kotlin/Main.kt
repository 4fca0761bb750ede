// Kotlin/Wasm (WASI) test program for Jazero: classes, data classes, collections,
// strings, lambdas and exceptions. Output is fully deterministic.

class Lcg(private var state: Long) {
    fun next(): Int {
        state = (state * 6364136223846793005L + 1442695040888963407L)
        return (state ushr 33).toInt()
    }
    fun nextInt(bound: Int): Int = next() % bound
}

interface Shape {
    val name: String
    fun area(): Int
    fun describe(): String = "$name(area=${area()})"
}

abstract class Polygon(override val name: String, val sides: Int) : Shape {
    abstract fun perimeter(): Int
    override fun describe(): String = "${super.describe()} sides=$sides perim=${perimeter()}"
}

class Rect(val w: Int, val h: Int) : Polygon("Rect", 4) {
    override fun area() = w * h
    override fun perimeter() = 2 * (w + h)
}

class Square(val s: Int) : Polygon("Square", 4) {
    override fun area() = s * s
    override fun perimeter() = 4 * s
}

class Circle(val r: Int) : Shape {
    override val name = "Circle"
    override fun area() = 314 * r * r / 100
}

data class Employee(val name: String, val dept: String, val salary: Int)

class Node(val left: Node?, val right: Node?)

fun makeTree(depth: Int): Node =
    if (depth == 0) Node(null, null) else Node(makeTree(depth - 1), makeTree(depth - 1))

fun checkTree(n: Node): Int =
    1 + (n.left?.let { checkTree(it) } ?: 0) + (n.right?.let { checkTree(it) } ?: 0)

class DepthException(val depth: Int, msg: String) : RuntimeException(msg)

fun dive(level: Int, limit: Int, trail: StringBuilder): Int {
    trail.append(level % 10)
    if (level == limit) throw DepthException(level, "hit bottom at $level")
    return dive(level + 1, limit, trail) + 1
}

var finallyCount = 0

fun guarded(i: Int): String {
    try {
        if (i % 3 == 0) throw IllegalStateException("bad $i")
        return "ok $i"
    } catch (e: IllegalStateException) {
        return "caught ${e.message}"
    } finally {
        finallyCount++
    }
}

fun main() {
    println("== Kotlin/Wasm WASI test ==")

    val shapes: List<Shape> = listOf(Rect(3, 4), Square(5), Circle(2), Rect(10, 1))
    shapes.sortedBy { it.area() }.forEach { println(it.describe()) }
    println("total area = " + shapes.fold(0) { acc, s -> acc + s.area() })

    val staff = listOf(
        Employee("Ada", "eng", 120), Employee("Bob", "ops", 80),
        Employee("Cy", "eng", 100), Employee("Di", "sales", 90),
        Employee("Eve", "ops", 85), Employee("Fay", "eng", 130)
    )
    val byDept: MutableMap<String, MutableList<Employee>> = mutableMapOf()
    for (e in staff) byDept.getOrPut(e.dept) { mutableListOf() }.add(e)
    for ((dept, list) in byDept) {
        val total = list.map { it.salary }.sum()
        println("$dept: n=${list.size} total=$total top=${list.maxByOrNull { it.salary }!!.name}")
    }
    val rich = staff.filter { it.salary >= 100 }.sortedByDescending { it.salary }
    println("rich = $rich")
    println("copy = ${staff[1].copy(salary = 99)} eq=${staff[0] == Employee("Ada", "eng", 120)}")

    val sb = StringBuilder()
    for (i in 1..12) sb.append(('a' + i % 26)).append(i)
    val s = sb.toString()
    println("sb = $s len=${s.length}")
    println("upper/reversed = ${s.uppercase().reversed()}")
    println("words = ${"the quick brown fox jumps".split(" ").map { it.replaceFirstChar { c -> c.uppercaseChar() } }.joinToString("-")}")

    var checksum = 0L
    for (round in 1..4) {
        val t = makeTree(18)
        val c = checkTree(t)
        checksum += c
        println("tree round $round: nodes=$c")
    }
    println("tree checksum = $checksum")

    val rng = Lcg(42)
    val nums = MutableList(50_000) { rng.nextInt(1_000_000) }
    val sorted = nums.sorted()
    var okSorted = true
    for (i in 1 until sorted.size) if (sorted[i - 1] > sorted[i]) okSorted = false
    println("sorted ok=$okSorted min=${sorted.first()} max=${sorted.last()} median=${sorted[sorted.size / 2]}")
    val evens = nums.filter { it % 2 == 0 }.size
    val hist = IntArray(10)
    nums.forEach { hist[it / 100_000]++ }
    println("evens=$evens hist=${hist.joinToString(",")}")
    val sumMod = nums.fold(0L) { acc, x -> (acc * 31 + x) % 1_000_000_007L }
    println("fold hash = $sumMod")

    val trail = StringBuilder()
    try {
        dive(0, 500, trail)
        println("not reached")
    } catch (e: DepthException) {
        println("DepthException depth=${e.depth} msg='${e.message}' trailLen=${trail.length} tail=${trail.takeLast(12)}")
    }

    for (i in 1..4) println(guarded(i))
    println("finallyCount = $finallyCount")

    val arr = intArrayOf(1, 2, 3)
    try {
        println(arr[rng.nextInt(1) + 5])
    } catch (e: IndexOutOfBoundsException) {
        println("caught IndexOutOfBoundsException")
    }
    val zero = nums.size - 50_000
    try {
        println(100 / zero)
    } catch (e: ArithmeticException) {
        println("caught ArithmeticException: ${e.message}")
    } finally {
        println("finally after division")
    }
    val r = runCatching { listOf(1, 2).elementAt(7) }
    println("runCatching isFailure=${r.isFailure} type=${r.exceptionOrNull()?.let { it::class.simpleName }}")
    println("== done ==")
}
