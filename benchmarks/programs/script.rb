# A short script: strings, hashes, blocks and some arithmetic.
words = %w[the quick brown fox jumps over the lazy dog] * 2000
counts = Hash.new(0)
words.each { |w| counts[w] += 1 }
primes = (2..20000).select { |n| (2..Integer.sqrt(n)).none? { |d| (n % d).zero? } }
fib = Enumerator.new { |y| a, b = 0, 1; loop { y << a; a, b = b, a + b } }
puts counts.sort_by { |w, c| [-c, w] }.first(3).inspect
puts primes.size, primes.last
puts fib.take(90).last
puts (1..100000).map { |i| i.to_s }.join.length
