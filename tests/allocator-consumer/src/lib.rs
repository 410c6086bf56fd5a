//! An app's own allocator: the system one, counting what it hands out.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The documentation example's reward in millionths, through the core.
#[unsafe(no_mangle)]
pub extern "C" fn example_reward_units() -> u64 {
    let request = soei_rewards::PersonalRewardRequest {
        stp: 850.into(),
        pool: 1000.into(),
        tier_totals: vec![8000.into(), 5000.into(), 3000.into(), 2500.into()],
        ..Default::default()
    };
    soei_rewards::personal_reward(&request).map_or(0, |reward| (reward.reward * soei_rewards::Decimal::from(1_000_000)).try_into().unwrap_or(0))
}
